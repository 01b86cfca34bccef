import { Button, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { useOpenConversation } from '../api/open-conversation';

/** The server's limit on new conversations a student may start in a day ("Message mentor"; bookings open theirs freely). */
const NEW_CONVERSATIONS_PER_DAY = 5;

function problemText(error: Error): string {
  if (error instanceof ApiError && error.code === 'conversation_limit') {
    return `You have started ${NEW_CONVERSATIONS_PER_DAY} new conversations today, the most for one day. Try again tomorrow, or book a session with this mentor.`;
  }
  return error.message;
}

/** "Message mentor" for a signed-in student: opens (or reopens) the conversation with this mentor and goes to it. */
export function MessageMentorButton({ slug }: { slug: string }) {
  const navigate = useNavigate();
  const open = useOpenConversation();
  return (
    <Stack gap={4} align="flex-start">
      <Button
        variant="light"
        onClick={() => open.mutate(slug, { onSuccess: (conversationId) => void navigate(paths.app.messages.getHref(conversationId)) })}
        loading={open.isPending}
      >
        Message mentor
      </Button>
      <div role="alert">
        {open.error ? (
          <Text size="sm" c="red" maw={420}>
            {problemText(open.error)}
          </Text>
        ) : null}
      </div>
    </Stack>
  );
}
