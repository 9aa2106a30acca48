import type { ReactNode } from 'react';

interface FilterChipsProps<T extends string> {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  format: (value: T) => ReactNode;
  testId?: string;
}

/** A multi-select as a row of toggle chips: real checkboxes in a fieldset, so it reads right to screen readers. */
export function FilterChips<T extends string>({ legend, options, selected, onChange, format, testId }: FilterChipsProps<T>) {
  function toggle(value: T, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.filter((o) => next.has(o)));
  }
  return (
    <fieldset data-testid={testId}>
      <legend className="text-sm font-medium text-gray-700">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-1.5">
        {options.map((value) => (
          <label key={value} className="cursor-pointer">
            <input
              type="checkbox"
              className="peer sr-only"
              checked={selected.includes(value)}
              onChange={(e) => toggle(value, e.target.checked)}
            />
            <span className="inline-flex items-center rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ring-gray-300 text-gray-700 hover:bg-gray-50 peer-checked:bg-indigo-600 peer-checked:text-white peer-checked:ring-indigo-600 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600">
              {format(value)}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface SegmentedProps<T extends string> {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}

/** A single choice among a few, as a segmented radio group. */
export function Segmented<T extends string>({ legend, name, options, value, onChange, testId }: SegmentedProps<T>) {
  return (
    <fieldset data-testid={testId}>
      <legend className="text-sm font-medium text-gray-700">{legend}</legend>
      <div className="mt-1 inline-flex rounded-md shadow-sm">
        {options.map((option, index) => (
          <label key={option.value} className="cursor-pointer">
            <input
              type="radio"
              name={name}
              className="peer sr-only"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span
              className={`relative inline-flex items-center px-3 py-2 text-sm font-medium ring-1 ring-inset ring-gray-300 text-gray-700 hover:bg-gray-50 peer-checked:z-10 peer-checked:bg-indigo-600 peer-checked:text-white peer-checked:ring-indigo-600 peer-focus-visible:z-20 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600 ${
                index === 0 ? 'rounded-l-md' : '-ml-px'
              } ${index === options.length - 1 ? 'rounded-r-md' : ''}`}
            >
              {option.label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
