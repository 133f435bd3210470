// Page arithmetic shared by every paginated list (PAGE_SIZE rows per page, 1-based pages).
import { PAGE_SIZE, type Paged } from '../contracts/my';

export function pageOf<T>(items: T[], page: number, total: number): Paged<T> {
  return { items, page, pageSize: PAGE_SIZE, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
