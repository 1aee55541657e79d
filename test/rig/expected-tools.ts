/**
 * Tool names exactly as /work/shared/reference/ssh-servers.md lists them (§1.3 and §2.2), typed out here
 * rather than imported from the fixtures, so a fixture drifting from the reference fails the tests.
 */
export const ORCHESTRATOR_TOOL_NAMES = [
  'ssh_ping',
  'ssh_list_hosts',
  'ssh_describe_host',
  'ssh_plan',
  'ssh_run',
  'ssh_run_on_tag',
  'ssh_cancel',
  'ssh_reload_config',
  'ssh_run_async',
  'ssh_get_task_status',
  'ssh_get_task_result',
  'ssh_get_task_output',
  'ssh_cancel_async_task',
] as const;

/** KinoThe-Kafkaesque/ssh-mcp-server's tools, per the reference. */
export const SESSION_TOOL_NAMES = [
  'ssh_exec',
  'ssh_exec_raw',
  'add_credential',
  'list_credentials',
  'remove_credential',
  'rsync_copy',
  'scp_copy',
  'ssh_session_start',
  'ssh_session_send',
  'ssh_session_read',
  'ssh_session_end',
  'ssh_session_list',
  'ssh_tunnel_start',
  'ssh_tunnel_list',
  'ssh_tunnel_stop',
] as const;
