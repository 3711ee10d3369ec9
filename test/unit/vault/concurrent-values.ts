import { fake } from '../support/fakes';

/** The secret each concurrent writer writes: deterministic, distinct per writer and index. */
export function concurrentName(writer: number, index: number): string {
  return `WRITER_${writer}_SECRET_${String(index).padStart(2, '0')}`;
}

export function concurrentValue(writer: number, index: number): string {
  return fake.githubToken(`concurrent-${writer}-${index}`);
}
