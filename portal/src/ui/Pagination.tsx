import { Button } from './Button';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** What is being counted, for screen readers ("repositories", "runs"). */
  noun?: string;
}

export function Pagination({ page, pageSize, total, onPageChange, noun = 'results' }: PaginationProps) {
  const firstRow = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const lastRow = Math.min(page * pageSize, total);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="flex flex-wrap items-center justify-between gap-2 text-sm text-gray-600" aria-label={`Pagination of ${noun}`}>
      <p>
        Showing <span className="font-medium">{firstRow}</span>–<span className="font-medium">{lastRow}</span> of{' '}
        <span className="font-medium">{total}</span> {noun}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= lastPage} onClick={() => onPageChange(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
