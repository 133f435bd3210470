// Page arithmetic shared by every paginated list (PAGE_SIZE rows per page, 1-based pages).
import { PAGE_SIZE, type Paged } from '../contracts/my';

/** The LIMIT and OFFSET of a 1-based page, as placeholders' values for a fixed query. */
export function pageWindow(page: number): { limit: number; offset: number } {
  return { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

export function pageOf<T>(items: T[], page: number, total: number): Paged<T> {
  return { items, page, pageSize: PAGE_SIZE, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
