/** The Front Row mark: three seats, the first one lit. */
export function Brand({ suffix }: { suffix?: string }) {
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect x="2" y="6" width="28" height="20" rx="6" fill="currentColor" opacity="0.14" />
        <circle cx="10" cy="19" r="3.4" fill="var(--gold)" />
        <circle cx="16" cy="19" r="3.4" fill="currentColor" opacity="0.55" />
        <circle cx="22" cy="19" r="3.4" fill="currentColor" opacity="0.55" />
        <path d="M7 12.5h18" stroke="var(--gold)" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <span className="brand-name">Front Row</span>
      {suffix && <span className="brand-suffix">{suffix}</span>}
    </span>
  );
}
