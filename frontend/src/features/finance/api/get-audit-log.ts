import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { addDays } from '@/lib/time-zone-clock';
import { queryKeys } from '@/lib/query-keys';
import { auditPageSchema, type AuditPage } from '../types';

/** The trail's filters: a person's id, an action (exact, or a prefix ending in "." or "*"), and days in India, both ends included. */
export interface AuditFilters {
  actor: string | null;
  action: string | null;
  from: string | null;
  to: string | null;
}

export interface AuditQuery extends AuditFilters {
  page: number;
  limit: number;
}

/** GET /api/admin/audit (admins): admin actions and money movements, newest first. */
export async function getAuditLog(query: AuditQuery, { signal }: { signal?: AbortSignal } = {}): Promise<AuditPage> {
  const search = new URLSearchParams();
  if (query.actor) search.set('actor', query.actor);
  if (query.action) search.set('action', query.action);
  if (query.from) search.set('from', query.from);
  // The API's end is excluded: the day after the last one picked.
  if (query.to) search.set('to', addDays(query.to, 1));
  search.set('page', String(query.page));
  search.set('limit', String(query.limit));
  return auditPageSchema.parse(await apiClient.get(`/api/admin/audit?${search}`, signal ? { signal } : {}));
}

export const auditLogQueryOptions = (query: AuditQuery) =>
  queryOptions({
    queryKey: queryKeys.adminAudit.list(query),
    queryFn: ({ signal }) => getAuditLog(query, { signal }),
    placeholderData: keepPreviousData,
  });

export function useAuditLog(query: AuditQuery) {
  return useQuery(auditLogQueryOptions(query));
}
