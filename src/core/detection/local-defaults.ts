/**
 * Local development defaults: the passwords the official images and guides ship with
 * (`postgres`, RabbitMQ's `guest:guest`, `root`, `minioadmin`). They are public knowledge, so
 * committing one discloses nothing, and a `.env` for `docker compose up` is full of them. They are
 * not reported unless `detection.reportLocalDefaults` asks for them (a team that wants no default
 * credential anywhere, even on localhost).
 */

/** Default passwords of common local services (lower case). */
const DEFAULT_PASSWORDS = new Set([
  'postgres', 'postgresql', 'guest', 'root', 'admin', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'minioadmin',
  'elastic', 'oracle', 'keycloak', 'grafana', 'airflow', 'docker', 'dev', 'development', 'local', 'localhost', 'user',
  'sa', 'supabase', 'prisma', 'app', 'django', 'rails', 'laravel', 'homestead', 'secret', 'password', 'pass', 'test',
]);

/** Hosts that only a developer's machine or its containers reach. */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal|[a-z][a-z0-9_-]{0,40})$/i;

/** A password value that is a well-known local default (`DB_PASSWORD=postgres`). */
export function isLocalDefaultPassword(password: string): boolean {
  return DEFAULT_PASSWORDS.has(password.toLowerCase());
}

/**
 * Credentials in a URL that are a local default: a default password on a local host
 * (`postgres://postgres:postgres@localhost`, `amqp://guest:guest@rabbitmq:5672`), or a user whose
 * password is its own name on a local host.
 */
export function isLocalDefaultCredential(user: string, password: string, host: string): boolean {
  if (!LOCAL_HOST.test(host)) return false;
  return isLocalDefaultPassword(password) || (user.length > 0 && user.toLowerCase() === password.toLowerCase());
}
