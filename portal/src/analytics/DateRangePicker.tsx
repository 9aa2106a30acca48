import { useState } from 'react';

/** Either the last `days` days (ending today) or a custom from/to, both days included (UTC). */
export type DateRange = { days: number; from?: undefined; to?: undefined } | { from: string; to: string; days?: undefined };

const PRESETS = [7, 30, 90, 365];
const today = () => new Date().toISOString().slice(0, 10);

export function DateRangePicker({ value, onChange }: { value: DateRange; onChange: (range: DateRange) => void }) {
  const [custom, setCustom] = useState<{ from: string; to: string }>(() => ({ from: value.from ?? new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10), to: value.to ?? today() }));
  const invalid = custom.from > custom.to;
  return (
    <fieldset className="flex flex-wrap items-end gap-3" data-testid="date-range">
      <legend className="mb-1 text-sm font-medium text-gray-700">Window</legend>
      <div className="flex overflow-hidden rounded-md ring-1 ring-gray-300" role="group" aria-label="Preset windows">
        {PRESETS.map((d) => (
          <button
            key={d}
            type="button"
            onClick={() => onChange({ days: d })}
            aria-pressed={value.days === d}
            className={`px-3 py-1.5 text-sm ${value.days === d ? 'bg-indigo-600 text-white' : 'bg-white text-gray-700 hover:bg-gray-50'}`}
          >
            {d === 365 ? '1 year' : `${d} days`}
          </button>
        ))}
      </div>
      <label className="text-sm">
        <span className="sr-only">From</span>
        <input type="date" className="rounded-md border-gray-300 text-sm" value={custom.from} max={custom.to} onChange={(e) => setCustom({ ...custom, from: e.target.value })} aria-label="From" />
      </label>
      <span className="pb-2 text-sm text-gray-500">to</span>
      <label className="text-sm">
        <span className="sr-only">To</span>
        <input type="date" className="rounded-md border-gray-300 text-sm" value={custom.to} min={custom.from} max={today()} onChange={(e) => setCustom({ ...custom, to: e.target.value })} aria-label="To" />
      </label>
      <button
        type="button"
        disabled={invalid || !custom.from || !custom.to}
        onClick={() => onChange({ from: custom.from, to: custom.to })}
        className={`rounded-md px-3 py-1.5 text-sm ring-1 ${value.from ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-gray-700 ring-gray-300 hover:bg-gray-50'} disabled:opacity-50`}
      >
        Apply
      </button>
      {invalid && <p className="w-full text-xs text-red-700">The window must start on or before the day it ends.</p>}
    </fieldset>
  );
}
