/** Small building blocks every view uses: labelled fields with their errors, panels, chips. */
import { useState, type ReactNode } from 'react';
import { say, useT } from '../hooks.ts';
import type { Problem } from '../logic/problems.ts';

interface FieldShell {
  id: string;
  label: string;
  hint?: ReactNode;
  problem?: Problem | undefined;
  /** data-testid of the inline error, when a test needs to find it */
  errorTestId?: string;
  className?: string;
}

export const errorId = (id: string) => `${id}-error`;
const hintId = (id: string) => `${id}-hint`;

function describedBy(id: string, hint: unknown, problem: unknown): string | undefined {
  return [problem ? errorId(id) : null, hint ? hintId(id) : null].filter(Boolean).join(' ') || undefined;
}

export function FieldMessages({ id, hint, problem, errorTestId, field }: FieldShell & { field?: string }) {
  const t = useT();
  return (
    <>
      {problem && (
        <p className="field-error" id={errorId(id)} data-testid={errorTestId} data-field={field}>
          {say(t, problem)}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId(id)}>
          {hint}
        </p>
      )}
    </>
  );
}

type InputProps = FieldShell & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'number' | 'url' | 'password' | 'datetime-local' | 'date' | 'search';
  required?: boolean;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url';
  min?: number;
  max?: number;
  step?: number | 'any';
  autoComplete?: string;
  testId?: string;
  suffix?: string;
  field?: string;
  disabled?: boolean;
};

export function TextField(p: InputProps) {
  return (
    <div className={`field ${p.problem ? 'has-error' : ''} ${p.className ?? ''}`}>
      <label htmlFor={p.id} className={p.required ? 'is-required' : undefined}>
        {p.label}
      </label>
      <div className={p.suffix ? 'input-with-suffix' : undefined}>
        <input
          id={p.id}
          type={p.type ?? 'text'}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          required={p.required}
          placeholder={p.placeholder}
          inputMode={p.inputMode}
          min={p.min}
          max={p.max}
          step={p.step}
          autoComplete={p.autoComplete ?? 'off'}
          aria-invalid={p.problem ? true : undefined}
          aria-describedby={describedBy(p.id, p.hint, p.problem)}
          data-testid={p.testId}
          disabled={p.disabled}
        />
        {p.suffix && (
          <span className="input-suffix" aria-hidden="true">
            {p.suffix}
          </span>
        )}
      </div>
      <FieldMessages {...p} />
    </div>
  );
}

export function TextArea(p: FieldShell & { value: string; onChange: (v: string) => void; rows?: number; maxLength?: number }) {
  return (
    <div className={`field ${p.problem ? 'has-error' : ''} ${p.className ?? ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <textarea
        id={p.id}
        value={p.value}
        rows={p.rows ?? 3}
        maxLength={p.maxLength}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.problem ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.problem)}
      />
      <FieldMessages {...p} />
    </div>
  );
}

export function SelectField(
  p: FieldShell & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }>; testId?: string; disabled?: boolean },
) {
  return (
    <div className={`field ${p.problem ? 'has-error' : ''} ${p.className ?? ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <select
        id={p.id}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.problem ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.problem)}
        data-testid={p.testId}
        disabled={p.disabled}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages {...p} />
    </div>
  );
}

export function CheckboxField(p: FieldShell & { checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  return (
    <div className={`field field-check ${p.problem ? 'has-error' : ''} ${p.className ?? ''}`}>
      <input
        id={p.id}
        type="checkbox"
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
        aria-invalid={p.problem ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.problem)}
        disabled={p.disabled}
      />
      <label htmlFor={p.id}>{p.label}</label>
      <FieldMessages {...p} />
    </div>
  );
}

export function Panel({
  title,
  titleId,
  actions,
  children,
  className,
  subtitle,
}: {
  title: ReactNode;
  titleId?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  subtitle?: ReactNode;
}) {
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={titleId}>
      <header className="panel-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          {subtitle && <p className="panel-sub">{subtitle}</p>}
        </div>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Chip({ tone, children, pulse }: { tone: string; children: ReactNode; pulse?: boolean }) {
  return (
    <span className={`chip chip-${tone}`}>
      {pulse && <span className="pulse-dot" aria-hidden="true" />}
      {children}
    </span>
  );
}

/** A tier's name with its colour; unknown ids (a tier since removed) still read sensibly. */
export function TierChip({ tierId, name }: { tierId: string; name?: string }) {
  const known = ['bronze', 'silver', 'gold'].includes(tierId) ? tierId : 'other';
  return <span className={`tier tier-${known}`}>{name ?? tierId}</span>;
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-art" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

/** A form's summary when it was refused: announced at once. */
export function FormAlert({ problem }: { problem: Problem | null }) {
  const t = useT();
  return (
    <div className="form-alert-slot" role="alert">
      {problem && <p className="form-alert">{say(t, problem)}</p>}
    </div>
  );
}

/** A product picture that falls back to a neutral tile when the URL does not load. */
export function Thumb({ src, className }: { src: string | null | undefined; className: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  const usable = src && /^https?:\/\//i.test(src) && failed !== src;
  return usable ? (
    <img className={className} src={src} alt="" onError={() => setFailed(src)} />
  ) : (
    <div className={`${className} thumb-empty`} aria-hidden="true" />
  );
}
