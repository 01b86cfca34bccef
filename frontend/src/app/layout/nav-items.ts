export interface NavItem {
  label: string;
  to: string;
  /** How many new things wait behind the link (unread messages, an admin queue); shown as a badge when more than none. */
  count?: number | null;
  /** What the count is of, read out after it ("3 unread", "3 waiting"); "unread" unless said. */
  countNoun?: string;
}

/** Links that share one header menu (the admin's money pages); the phone's navbar lists them under `label`. */
export interface NavGroup {
  label: string;
  links: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export const isGroup = (entry: NavEntry): entry is NavGroup => 'links' in entry;

/** A menu's count: what waits behind all of its links. */
export const groupCount = (group: NavGroup) => group.links.reduce((sum, link) => sum + (link.count ?? 0), 0);

/** /mentors/asha-rao is still under "Find mentors". */
export const isCurrent = (pathname: string, to: string) => pathname === to || (to !== '/' && pathname.startsWith(`${to}/`));
