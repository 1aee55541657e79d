/** Filters and full-text search for the session list. */
import type { InvokeRequest } from '../../../shared/contract/channels';

/** Session list filters. */
export type HistoryFilterValues = InvokeRequest<'history:sessions'>;

/** The filter bar; every change is applied at once. */
export function HistoryFilters({
  value,
  onChange,
}: {
  value: HistoryFilterValues;
  onChange: (next: HistoryFilterValues) => void;
}) {
  const set = (key: keyof HistoryFilterValues, text: string) => {
    // Empty fields drop out of the filter rather than matching the empty string.
    const next = Object.fromEntries(Object.entries({ ...value, [key]: text }).filter(([, v]) => v !== ''));
    onChange(next);
  };
  return (
    <div className="filters" role="search">
      <input
        aria-label="Search commands and output"
        placeholder="Search commands and output"
        value={value.text ?? ''}
        onChange={(e) => set('text', e.target.value)}
      />
      <input
        aria-label="Server"
        placeholder="Server"
        value={value.server ?? ''}
        onChange={(e) => set('server', e.target.value)}
      />
      <input
        aria-label="Client"
        placeholder="Client"
        value={value.client ?? ''}
        onChange={(e) => set('client', e.target.value)}
      />
      <input
        aria-label="Host"
        placeholder="Host"
        value={value.host ?? ''}
        onChange={(e) => set('host', e.target.value)}
      />
      <select
        aria-label="Decision"
        value={value.decision ?? ''}
        onChange={(e) => set('decision', e.target.value)}
      >
        <option value="">Any decision</option>
        <option value="allow">allowed</option>
        <option value="require_approval">held</option>
        <option value="deny">denied</option>
      </select>
    </div>
  );
}
