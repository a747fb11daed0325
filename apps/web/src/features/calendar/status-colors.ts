// The calendar's colour for each post status, with the text colour that reads on it at WCAG AA (contrast ≥ 4.5:1,
// checked by status-colors.test.ts). The legend beside the calendar shows the same pairs.
import type { PostStatus } from '../../api/types';

export { contrastRatio } from '../../ui/contrast';

export interface StatusColor {
  background: string;
  text: string;
}

export const STATUS_COLORS: Record<PostStatus, StatusColor> = {
  draft: { background: '#495057', text: '#ffffff' },
  in_review: { background: '#ffd43b', text: '#000000' },
  approved: { background: '#087f5b', text: '#ffffff' },
  scheduled: { background: '#1864ab', text: '#ffffff' },
  publishing: { background: '#3b5bdb', text: '#ffffff' },
  published: { background: '#237a36', text: '#ffffff' },
  failed: { background: '#c92a2a', text: '#ffffff' },
  unconfirmed: { background: '#e8590c', text: '#000000' },
};

/** The statuses the legend names, in the order a post goes through them. */
export const LEGEND_STATUSES: PostStatus[] = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'failed',
  'unconfirmed',
];
