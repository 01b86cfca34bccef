import { Avatar, Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router-dom';
import { BellOffIcon } from '@/components/icons';
import { paths } from '@/config/paths';
import { assetUrl } from '@/lib/api-client';
import type { Conversation } from '../types';
import { listTime } from '../utils/days';
import { conversationAvatar, conversationName, messagePreview } from '../utils/names';
import classes from './conversation-list.module.css';

interface ConversationListProps {
  conversations: Conversation[];
  activeId: string | null;
  viewerId: string;
  timeZone: string;
}

/** The viewer's conversations, latest activity first: who, the last message, when, and how many are unread. */
export function ConversationList({ conversations, activeId, viewerId, timeZone }: ConversationListProps) {
  return (
    <ul className={classes.list} aria-label="Conversations">
      {conversations.map((conversation) => {
        const name = conversationName(conversation, viewerId);
        const avatar = conversationAvatar(conversation, viewerId);
        const last = conversation.lastMessage;
        const mutedByMe = conversation.muted && conversation.mentorId === viewerId;
        const active = conversation.id === activeId;
        return (
          <li key={conversation.id}>
            <Link to={paths.app.messages.getHref(conversation.id)} className={classes.item} aria-current={active ? 'page' : undefined} data-testid="conversation-item">
              <Avatar src={assetUrl(avatar.avatarUrl)} name={avatar.name} color="initials" radius="xl" alt="" />
              <div className={classes.text}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={conversation.unread > 0 ? 700 : 500} size="sm" truncate>
                    {name}
                  </Text>
                  {last ? (
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                      {listTime(last.createdAt, timeZone)}
                    </Text>
                  ) : null}
                </Group>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="xs" c="dimmed" truncate data-testid="conversation-preview">
                    {last ? `${last.senderId === viewerId ? 'You: ' : ''}${messagePreview(last.text)}` : 'No messages yet'}
                  </Text>
                  <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                    {mutedByMe ? (
                      <Text component="span" c="dimmed" role="img" aria-label="Muted" style={{ display: 'inline-flex' }}>
                        <BellOffIcon size={14} />
                      </Text>
                    ) : null}
                    {conversation.unread > 0 ? (
                      <>
                        <Badge size="sm" circle={conversation.unread < 10} color={mutedByMe ? 'gray' : undefined} data-testid="unread-badge" aria-hidden>
                          {conversation.unread > 99 ? '99+' : conversation.unread}
                        </Badge>
                        <VisuallyHidden>, {conversation.unread} unread</VisuallyHidden>
                      </>
                    ) : null}
                  </Group>
                </Group>
              </div>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
