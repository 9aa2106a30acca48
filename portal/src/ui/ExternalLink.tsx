import type { AnchorHTMLAttributes, ReactNode } from 'react';

/** A link that opens in a new tab, says so to screen readers, and does not hand over window.opener. */
/** Only http(s) addresses become links: a stored `javascript:` or `data:` URL (e.g. from imported SARIF) never runs. */
function safeExternalHref(href: string | undefined | null): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function ExternalLink({ children, className = '', href, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { children: ReactNode }) {
  const safe = safeExternalHref(href);
  if (!safe) return <span className={className}>{children}</span>;
  return (
    <a target="_blank" rel="noopener noreferrer" className={`inline-flex items-center gap-1 ${className}`} {...props} href={safe}>
      {children}
      <svg viewBox="0 0 20 20" fill="currentColor" className="h-3.5 w-3.5 shrink-0" aria-hidden="true">
        <path d="M11 3a1 1 0 100 2h2.59l-6.3 6.3a1 1 0 101.42 1.4L15 6.42V9a1 1 0 102 0V4a1 1 0 00-1-1h-5z" />
        <path d="M5 5a2 2 0 00-2 2v8a2 2 0 002 2h8a2 2 0 002-2v-3a1 1 0 10-2 0v3H5V7h3a1 1 0 000-2H5z" />
      </svg>
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  );
}
