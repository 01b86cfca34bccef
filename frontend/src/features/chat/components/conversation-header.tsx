import { ActionIcon, Avatar, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { BellOffIcon, BellIcon } from '@/components/icons';
import { paths } from '@/config/paths';
import { assetUrl } from '@/lib/api-client';
import { useSetMuted } from '../api/set-muted';
import type { Conversation } from '../types';
import { conversationAvatar, conversationName, othersIn } from '../utils/names';

interface ConversationHeaderProps {
  conversation: Conversation;
  viewerId: string;
  /** More beside the name (before Mute). */
  actions?: ReactNode;
  /** The phone-width link back to the list. */
  backLink?: boolean;
}

/** Who the conversation is with; for its mentor, muting it (it then no longer counts in the header's total). */
export function ConversationHeader({ conversation, viewerId, actions, backLink = true }: ConversationHeaderProps) {
  const setMuted = useSetMuted(viewerId);
  const name = conversationName(conversation, viewerId);
  const avatar = conversationAvatar(conversation, viewerId);
  const isMentor = conversation.mentorId === viewerId;
  const others = othersIn(conversation, viewerId);
  const subtitle =
    conversation.kind === 'group'
      ? `${conversation.members.length} members`
      : others[0]?.role === 'mentor'
        ? 'Mentor'
        : 'Student';

  const toggleMute = () =>
    setMuted.mutate(
      { conversationId: conversation.id, muted: !conversation.muted },
      { onError: (error) => notifications.show({ color: 'red', title: conversation.muted ? 'Couldn’t unmute' : 'Couldn’t mute', message: error.message }) },
    );

  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" px="sm" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="sm" wrap="nowrap" miw={0}>
        {backLink ? (
          <ActionIcon component={Link} to={paths.app.messages.getHref()} variant="subtle" color="gray" size="lg" hiddenFrom="md" aria-label="All conversations">
            <span aria-hidden>←</span>
          </ActionIcon>
        ) : null}
        <Avatar src={assetUrl(avatar.avatarUrl)} name={avatar.name} color="initials" radius="xl" alt="" />
        <Stack gap={0} miw={0}>
          <Title order={2} size="h5" lineClamp={1}>
            {name}
          </Title>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
            {isMentor && conversation.muted ? (
              <Badge size="xs" color="gray" variant="light">
                Muted
              </Badge>
            ) : null}
          </Group>
        </Stack>
      </Group>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        {actions}
        {isMentor ? (
          <Button
            variant="default"
            size="xs"
            onClick={toggleMute}
            loading={setMuted.isPending}
            aria-pressed={conversation.muted}
            leftSection={conversation.muted ? <BellIcon size={14} /> : <BellOffIcon size={14} />}
          >
            {conversation.muted ? 'Unmute' : 'Mute'}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
