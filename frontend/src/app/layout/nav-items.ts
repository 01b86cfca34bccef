export interface NavItem {
  label: string;
  to: string;
  /** How many new things wait behind the link (unread messages); shown as a badge when more than none. */
  count?: number | null;
}

/** Links that share one header menu (the admin's money pages); the phone's navbar lists them under `label`. */
export interface NavGroup {
  label: string;
  links: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export const isGroup = (entry: NavEntry): entry is NavGroup => 'links' in entry;

/** /mentors/asha-rao is still under "Find mentors". */
export const isCurrent = (pathname: string, to: string) => pathname === to || (to !== '/' && pathname.startsWith(`${to}/`));
