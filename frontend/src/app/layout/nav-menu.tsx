import { Box, Button, Paper, Stack } from '@mantine/core';
import { useClickOutside, useDisclosure, useId } from '@mantine/hooks';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { NavLink } from 'react-router-dom';
import { CountBadge } from './count-badge';
import { groupCount, isCurrent, type NavGroup } from './nav-items';

function Chevron({ up }: { up: boolean }) {
  return (
    <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false">
      <path d={up ? 'M6 15l6-6 6 6' : 'M6 9l6 6 6-6'} />
    </svg>
  );
}

interface NavMenuProps {
  group: NavGroup;
  pathname: string;
}

/**
 * A header button that shows a group of section links below it (a disclosure, as the WAI-ARIA navigation menu
 * pattern has it): the links stay links, in the "Main" navigation, and in the tab order right after the button
 * while open. Enter or Space toggles it; ↓ / ↑ open it on the first / last link and move between links (Home and
 * End too); Escape closes it and puts focus back on the button; leaving it with Tab or a click elsewhere closes it.
 * The button is highlighted while one of its pages is open, and that page's link is marked as the current one.
 * Links with a count (an admin queue's waiting items) show it, and the button shows their total.
 */
export function NavMenu({ group, pathname }: NavMenuProps) {
  const [opened, menu] = useDisclosure(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  /** Which link takes focus once the panel shows (it is hidden until the next render). */
  const focusOnOpen = useRef<'first' | 'last' | null>(null);
  const rootRef = useClickOutside<HTMLDivElement>(menu.close);
  const current = group.links.some((link) => isCurrent(pathname, link.to));
  const total = groupCount(group);
  const totalNoun = group.links.find((link) => link.count)?.countNoun;
  const close = menu.close;

  // A link was followed (or the page changed otherwise): the panel has done its job.
  useEffect(() => {
    close();
  }, [pathname, close]);

  const links = () => Array.from(panelRef.current?.querySelectorAll<HTMLAnchorElement>('a[href]') ?? []);

  useEffect(() => {
    if (!opened || !focusOnOpen.current) return;
    const all = links();
    (focusOnOpen.current === 'first' ? all[0] : all.at(-1))?.focus();
    focusOnOpen.current = null;
  }, [opened]);

  function openAt(which: 'first' | 'last') {
    focusOnOpen.current = which;
    if (opened) {
      const all = links();
      (which === 'first' ? all[0] : all.at(-1))?.focus();
      focusOnOpen.current = null;
    } else menu.open();
  }

  function closeToButton() {
    menu.close();
    buttonRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && opened) {
      event.preventDefault();
      event.stopPropagation();
      closeToButton();
      return;
    }
    const onButton = event.target === buttonRef.current;
    if (onButton && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 'first' : 'last');
      return;
    }
    const all = links();
    const at = all.indexOf(event.target as HTMLAnchorElement);
    if (at === -1) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    all[(next + all.length) % all.length]?.focus();
  }

  return (
    <Box
      ref={rootRef}
      pos="relative"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Tab past the last link (or back before the button) leaves the menu: close it behind the user.
        const to = event.relatedTarget as Node | null;
        if (to && !event.currentTarget.contains(to)) menu.close();
      }}
    >
      <Button
        ref={buttonRef}
        type="button"
        variant={current ? 'light' : 'subtle'}
        color={current ? undefined : 'gray'}
        px={{ base: 'sm', md: 6, lg: 'sm' }}
        rightSection={
          <Box component="span" display="inline-flex" style={{ alignItems: 'center', gap: 6 }}>
            <CountBadge count={total} noun={totalNoun} />
            <Chevron up={opened} />
          </Box>
        }
        aria-expanded={opened}
        aria-controls={panelId}
        onClick={menu.toggle}
      >
        {group.label}
      </Button>
      <Paper
        ref={panelRef}
        id={panelId}
        hidden={!opened}
        display={opened ? 'block' : 'none'}
        withBorder
        shadow="md"
        radius="md"
        p={4}
        pos="absolute"
        top="calc(100% + 6px)"
        right={0}
        miw={200}
        style={{ zIndex: 'var(--mantine-z-index-popover)' }}
      >
        <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }}>
          {group.links.map((link) => {
            const here = isCurrent(pathname, link.to);
            return (
              <li key={link.to}>
                <Button
                  component={NavLink}
                  to={link.to}
                  fullWidth
                  justify="flex-start"
                  variant={here ? 'light' : 'subtle'}
                  color={here ? undefined : 'gray'}
                  onClick={closeToButton}
                  rightSection={link.count ? <CountBadge count={link.count} noun={link.countNoun} /> : undefined}
                >
                  {link.label}
                </Button>
              </li>
            );
          })}
        </Stack>
      </Paper>
    </Box>
  );
}
