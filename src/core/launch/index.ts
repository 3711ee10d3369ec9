export { launchEnvFiles, prepareLaunchEnvironment, type LaunchConfiguration, type LaunchEnvironmentOptions, type PreparedLaunch } from './launch-env';
