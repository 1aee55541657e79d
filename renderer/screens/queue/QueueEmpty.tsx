/** The empty queue: how many agents are connected, and how to connect one when none is. */
import { EmptyState } from '../../components/states';
import { useConsole } from '../../store/store-context';

const EXAMPLE = JSON.stringify(
  { mcpServers: { 'my-server': { command: 'airlock', args: ['mcp', '--server', 'my-server'] } } },
  null,
  2,
);

/** Shown when nothing is held. */
export function QueueEmpty() {
  const sessions = useConsole((s) => s.sessions?.sessions.length ?? 0);
  const setScreen = useConsole((s) => s.setScreen);
  return (
    <EmptyState title={`No calls waiting — agents connected: ${sessions}`}>
      {sessions > 0 ? (
        <p>Calls that policy holds for you will appear here at once, newest on top.</p>
      ) : (
        <>
          <p>No agent is connected yet. Point an MCP client at Airlock instead of your SSH MCP server:</p>
          <ol>
            <li>
              Add the server as a profile under{' '}
              <button type="button" className="link" onClick={() => setScreen('servers')}>
                Servers
              </button>
              .
            </li>
            <li>Put this in the client&apos;s MCP configuration (Claude Desktop, Cursor…):</li>
          </ol>
          <pre className="snippet">{EXAMPLE}</pre>
        </>
      )}
    </EmptyState>
  );
}
