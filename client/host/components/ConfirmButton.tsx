/**
 * A button for an irreversible host action (End show, Draw, Close drop,
 * Cancel lottery) that first asks in a small modal dialog. The dialog is an
 * alertdialog labelled by its question and described by what will happen;
 * focus starts on the safe choice (so a stray Enter does nothing harmful),
 * stays inside the dialog while it is open, and returns to the button after;
 * Escape or a click outside cancels.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../hooks.ts';

interface ConfirmButtonProps {
  /** The button that opens the dialog. */
  children: ReactNode;
  className: string;
  disabled?: boolean;
  testId?: string;
  describedBy?: string;
  /** The dialog: its question, what will happen, and the words of the action. */
  title: string;
  message: string;
  confirmLabel: string;
  /** The safe choice's words (default: Cancel). */
  cancelLabel?: string;
  onConfirm: () => void;
}

export function ConfirmButton(p: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={p.className}
        disabled={p.disabled}
        aria-haspopup="dialog"
        aria-describedby={p.describedBy}
        onClick={() => setOpen(true)}
        data-testid={p.testId}
      >
        {p.children}
      </button>
      {open && (
        <ConfirmDialog
          title={p.title}
          message={p.message}
          confirmLabel={p.confirmLabel}
          cancelLabel={p.cancelLabel}
          testId={p.testId}
          onCancel={close}
          onConfirm={() => {
            close();
            p.onConfirm();
          }}
        />
      )}
    </>
  );
}

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string | undefined;
  testId?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, cancelLabel, testId, onConfirm, onCancel }: ConfirmDialogProps) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  // The latest onCancel, read when a key arrives: the card behind re-renders every second (countdowns), and
  // re-running the effect on each new closure would pull focus back to the safe button.
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    safe.current?.focus();
    // On the document, so Escape cancels wherever focus went (e.g. after a click on the backdrop's edge).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Tab and Shift+Tab cycle through the dialog's buttons only (the page behind is modal-blocked).
  const trapTab = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Tab' || !dialog.current) return;
    const buttons = [...dialog.current.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="confirm-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={dialog}
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-message`}
        onKeyDown={trapTab}
        data-testid={testId ? `${testId}-dialog` : undefined}
      >
        <h2 id={`${id}-title`} className="confirm-title">
          {title}
        </h2>
        <p id={`${id}-message`} className="confirm-message">
          {message}
        </p>
        <div className="confirm-actions">
          <button ref={safe} type="button" className="btn btn-ghost" onClick={onCancel} data-testid={testId ? `${testId}-cancel` : undefined}>
            {cancelLabel ?? t('confirm.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm} data-testid={testId ? `${testId}-confirm` : undefined}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
