import { Button, Center, Divider, Stack, Text } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { todayIn, zonedHhmm } from '@/lib/time-zone-clock';
import type { Conversation, Message, OutgoingMessage } from '../types';
import { dayLabel, groupByDay } from '../utils/days';
import { deliveryOfOutgoing, deliveryOfStored } from '../utils/delivery';
import { MessageBubble } from './message-bubble';
import classes from './message-history.module.css';

interface MessageHistoryProps {
  conversation: Conversation;
  /** Stored messages, oldest first. */
  messages: Message[];
  /** The viewer's messages in this conversation that the server has not stored yet, in the order written. */
  outgoing: readonly OutgoingMessage[];
  viewerId: string;
  timeZone: string;
  connected: boolean;
  hasEarlier: boolean;
  loadingEarlier: boolean;
  earlierError: string | null;
  onLoadEarlier: () => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** Within this distance of the bottom, the history follows new messages down. */
const NEAR_BOTTOM_PX = 96;

/**
 * The conversation's history, in days on the viewer's calendar, the newest at the bottom; earlier pages load at the top
 * without moving what is on screen. New messages scroll into view when the reader is at the bottom (or wrote them).
 */
export function MessageHistory(props: MessageHistoryProps) {
  const { conversation, messages, outgoing, viewerId, timeZone, connected, hasEarlier, loadingEarlier, earlierError, onLoadEarlier, onRetry, onDiscard } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const keepFromBottom = useRef<number | null>(null);

  const firstId = messages[0]?.id ?? null;
  const lastMessage = messages.at(-1);
  // A message stored, or one written here changing state (its status line grows): the bottom moves.
  const lastKey = `${lastMessage?.id ?? ''}:${outgoing.map((m) => `${m.clientId}.${m.status}`).join()}`;
  const lastIsMine = outgoing.length > 0 || lastMessage?.senderId === viewerId;

  // Earlier messages arrived above: keep the same distance from the bottom, so the view stays put.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && keepFromBottom.current !== null) {
      element.scrollTop = element.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
    }
  }, [firstId]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && (nearBottom.current || lastIsMine)) element.scrollTop = element.scrollHeight;
  }, [lastKey, lastIsMine]);

  // The history got shorter (a notice above, the composer growing, a phone's keyboard): a reader at the bottom stays there.
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (nearBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const loadEarlier = () => {
    const element = scroller.current;
    if (element) keepFromBottom.current = element.scrollHeight - element.scrollTop;
    onLoadEarlier();
  };

  const stored = new Set(messages.filter((m) => m.senderId === viewerId).map((m) => m.clientId));
  const pending = outgoing.filter((m) => !stored.has(m.clientId));
  const names = new Map(conversation.members.map((member) => [member.id, member.name]));
  const group = conversation.kind === 'group';
  const days = groupByDay(messages, (m) => m.createdAt, timeZone);
  // Messages not stored yet are today's: under today's separator, which they start when the history has none.
  const lastDayIsToday = days.at(-1)?.date === todayIn(timeZone);

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      role="region"
      aria-label="Message history"
      // The history scrolls by itself: it takes focus so the keyboard can scroll it too.
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        nearBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
      }}
    >
      {hasEarlier ? (
        <Stack align="center" gap={4} mb="sm">
          <Button variant="subtle" size="xs" onClick={loadEarlier} loading={loadingEarlier}>
            Load earlier messages
          </Button>
          {earlierError ? (
            <Text size="xs" c="red" role="alert">
              Couldn’t load earlier messages: {earlierError}
            </Text>
          ) : null}
        </Stack>
      ) : messages.length > 0 ? (
        <Text size="xs" c="dimmed" ta="center" mb="sm">
          This is the start of your conversation.
        </Text>
      ) : null}

      {messages.length === 0 && pending.length === 0 ? (
        <Center h="100%">
          <Text c="dimmed" size="sm" ta="center">
            No messages yet. Say hello — Markdown and code blocks work here.
          </Text>
        </Center>
      ) : null}

      {days.map((day) => {
        const label = dayLabel(day.date, timeZone);
        return (
          <section key={day.date} aria-label={label}>
            <Divider label={label} labelPosition="center" my="xs" />
            <ul className={classes.messages}>
              {day.items.map((message) => {
                const mine = message.senderId === viewerId;
                return (
                  <MessageBubble
                    key={message.id}
                    text={message.text}
                    attachments={message.attachments}
                    mine={mine}
                    senderName={names.get(message.senderId) ?? 'Former member'}
                    showSender={group}
                    time={zonedHhmm(message.createdAt, timeZone)}
                    delivery={mine ? deliveryOfStored(message, conversation, viewerId) : undefined}
                  />
                );
              })}
            </ul>
          </section>
        );
      })}

      {pending.length > 0 ? (
        <section aria-label="Not stored yet">
          {lastDayIsToday ? null : <Divider label="Today" labelPosition="center" my="xs" />}
          <ul className={classes.messages}>
            {pending.map((message) => (
              <MessageBubble
                key={message.clientId}
                text={message.text}
                attachments={message.attachments}
                mine
                senderName="You"
                showSender={false}
                time={null}
                delivery={deliveryOfOutgoing(message, connected)}
                error={message.error}
                onRetry={() => onRetry(message.clientId)}
                onDiscard={() => onDiscard(message.clientId)}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
