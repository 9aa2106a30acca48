import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

export function Table({ children }: { children: ReactNode }) {
  // `relative`: screen-reader-only labels (absolutely positioned) in the far columns must scroll with the table, not
  // widen the page past a phone's screen.
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="min-w-full divide-y divide-gray-200 text-sm">{children}</table>
    </div>
  );
}

export function Th({ className = '', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`bg-gray-50 px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-500 ${className}`}
      {...props}
    />
  );
}

export function Td({ className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  // Cells do not wrap unless the caller says otherwise; two whitespace utilities would fight by CSS order.
  const wrapping = /\bwhitespace-/.test(className) ? '' : 'whitespace-nowrap';
  return <td className={`${wrapping} px-4 py-3 text-gray-700 ${className}`} {...props} />;
}
