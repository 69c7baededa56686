/** Inline icons (decorative: aria-hidden; the control around them carries the name). */
import type { ReactNode } from 'react';
type P = { size?: number };
const svg = (size: number, children: ReactNode) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    {children}
  </svg>
);
export const HeartIcon = ({ size = 20 }: P) => svg(size, <path d="M20.8 4.6a5.5 5.5 0 0 0-7.8 0L12 5.7l-1-1.1a5.5 5.5 0 0 0-7.8 7.8l1 1L12 21l7.8-7.6 1-1a5.5 5.5 0 0 0 0-7.8z" />);
export const CalendarCheckIcon = ({ size = 20 }: P) =>
  svg(size, <><rect x="3" y="4" width="18" height="18" rx="3" /><path d="M16 2v4M8 2v4M3 10h18M9 16l2 2 4-4" /></>);
export const ShareIcon = ({ size = 20 }: P) =>
  svg(size, <><circle cx="18" cy="5" r="3" /><circle cx="6" cy="12" r="3" /><circle cx="18" cy="19" r="3" /><path d="M8.6 13.5l6.8 4M15.4 6.5l-6.8 4" /></>);
export const GiftIcon = ({ size = 20 }: P) =>
  svg(size, <><rect x="3" y="8" width="18" height="4" rx="1" /><path d="M12 8v13M19 12v9H5v-9M7.5 8a2.5 2.5 0 0 1 0-5C11 3 12 8 12 8s1-5 4.5-5a2.5 2.5 0 0 1 0 5" /></>);
export const EyeIcon = ({ size = 16 }: P) => svg(size, <><path d="M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z" /><circle cx="12" cy="12" r="3" /></>);
export const SendIcon = ({ size = 18 }: P) => svg(size, <path d="M22 2L11 13M22 2l-7 20-4-9-9-4 20-7z" />);
export const CloseIcon = ({ size = 20 }: P) => svg(size, <path d="M18 6L6 18M6 6l12 12" />);
export const ShieldCheckIcon = ({ size = 18 }: P) => svg(size, <><path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z" /><path d="M9 12l2 2 4-4" /></>);
export const BoltIcon = ({ size = 16 }: P) => svg(size, <path d="M13 2L3 14h9l-1 8 10-12h-9l1-8z" />);
export const StarIcon = ({ size = 16 }: P) =>
  svg(size, <path d="M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.8L12 17.8 5.8 21l1.2-6.8-5-4.9 6.9-1z" />);
export const CheckIcon = ({ size = 16 }: P) => svg(size, <path d="M20 6L9 17l-5-5" />);
export const CrossIcon = ({ size = 16 }: P) => svg(size, <path d="M18 6L6 18M6 6l12 12" />);
export const ExternalIcon = ({ size = 14 }: P) => svg(size, <><path d="M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6" /><path d="M15 3h6v6M10 14L21 3" /></>);
export const ChestIcon = ({ size = 28 }: P) =>
  svg(size, <><path d="M3 10a5 5 0 0 1 5-5h8a5 5 0 0 1 5 5v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z" /><path d="M3 11h18M10 11v3h4v-3" /></>);
export const TvIcon = ({ size = 16 }: P) => svg(size, <><rect x="2" y="7" width="20" height="14" rx="2" /><path d="M17 2l-5 5-5-5" /></>);
export const BagIcon = ({ size = 16 }: P) => svg(size, <><path d="M5 8h14l-1 13H6z" /><path d="M9 10V6a3 3 0 0 1 6 0v4" /></>);
export const CrownIcon = ({ size = 16 }: P) => svg(size, <path d="M3 18h18M4 15l-1-9 5 4 4-6 4 6 5-4-1 9z" />);
export const RibbonIcon = ({ size = 16 }: P) => svg(size, <><circle cx="12" cy="9" r="6" /><path d="M8.5 14L7 22l5-3 5 3-1.5-8" /></>);
