/** The overlay's pinned drop on the wire: the host's request (the push is overlay-link.ts DropPinEvent). */
import { z } from 'zod';
import { IdSchema } from './schemas.ts';

/** PUT /api/streams/:id/pinned-drop: the drop to keep on the overlay, or null to unpin. */
export const PinDropBody = z.object({ dropId: IdSchema.nullable() }).strict();
export type PinDropBody = z.infer<typeof PinDropBody>;
