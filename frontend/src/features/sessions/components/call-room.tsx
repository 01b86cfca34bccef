import { Alert, Box, Button, Center, Grid, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatZonedRange, zonedHhmm } from '@/lib/time-zone-clock';
import { useAttendance } from '../hooks/use-attendance';
import { useExternalApi } from '../hooks/use-external-api';
import type { Meeting } from '../types';
import { externalApiUrl } from '../utils/jitsi-script';
import { JitsiFrame, type JitsiApi } from './jitsi-frame';
import { MentorNotesPanel } from './mentor-notes-panel';
import { SessionTimer } from './session-timer';

interface CallRoomProps {
  bookingId: string;
  meeting: Meeting;
  timeZone: string;
  backHref: string;
  /** The booking's chat, beside the call (under it on a phone); the viewer may hide it. */
  chat?: ReactNode;
}

/** The public server cuts embedded calls short; people should know why a call dropped and that they can rejoin. */
const PUBLIC_JITSI = 'meet.jit.si';

/**
 * The open call: the timer, the embedded Jitsi call with Leave (and, for the mentor, End for everyone),
 * the mentor's notes and the chat beside it, and the viewer's attendance reported as they join and leave.
 */
export function CallRoom({ bookingId, meeting, timeZone, backHref, chat }: CallRoomProps) {
  const mentor = meeting.role === 'mentor';
  const scriptUrl = externalApiUrl(meeting);
  const externalApi = useExternalApi(scriptUrl);
  const attendance = useAttendance(bookingId);
  const [left, setLeft] = useState(false);
  // Each rejoin mounts a new call.
  const [round, setRound] = useState(0);
  const [api, setApi] = useState<JitsiApi | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  // Hidden, the chat stays mounted: what is written and not yet sent waits in it.
  const [chatShown, setChatShown] = useState(true);
  const chatId = useId();
  const hasChat = chat !== undefined && chat !== null;
  const sideShown = mentor || (hasChat && chatShown);
  const { markJoined, markLeft, isJoined } = attendance;

  const leaveCall = useCallback(() => {
    markLeft();
    setApi(null);
    setLeft(true);
  }, [markLeft]);

  const handleApiReady = useCallback(
    (ready: JitsiApi) => {
      setApi(ready);
      ready.addListener('videoConferenceJoined', () => markJoined());
      ready.addListener('videoConferenceLeft', leaveCall);
      ready.addListener('readyToClose', leaveCall);
    },
    [markJoined, leaveCall],
  );

  function hangUp() {
    api?.executeCommand('hangup');
    // Before the conference is joined there is nothing for Jitsi to leave, and it won't say it left.
    if (!isJoined()) leaveCall();
  }

  function endForEveryone() {
    setConfirmEnd(false);
    api?.executeCommand('endConference');
  }

  function rejoin() {
    setLeft(false);
    setRound((previous) => previous + 1);
  }

  let stage;
  if (externalApi.state === 'failed') {
    stage = (
      <Alert color="red" variant="light" title="The video call could not load" role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">The video call could not load. Check your connection or whether something blocks {new URL(scriptUrl).host}.</Text>
          <Button onClick={externalApi.retry}>Retry</Button>
        </Stack>
      </Alert>
    );
  } else if (externalApi.state === 'loading') {
    stage = (
      <Center mih={320} role="status" aria-label="Loading the video call">
        <Stack align="center" gap="xs">
          <Loader type="dots" />
          <Text size="sm" c="dimmed">
            Loading the video call…
          </Text>
        </Stack>
      </Center>
    );
  } else if (left) {
    stage = (
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="left-title">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h4" id="left-title">
            You left the call
          </Title>
          <Text size="sm" c="dimmed">
            You can rejoin until {zonedHhmm(meeting.closesAt, timeZone)}.
          </Text>
          <Group gap="sm">
            <Button onClick={rejoin}>Rejoin</Button>
            <Button component={Link} to={backHref} variant="default">
              Back to the booking
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  } else {
    stage = (
      <Stack gap="sm">
        <Group gap="sm" justify="flex-end">
          <Button color="red" variant="light" onClick={hangUp} disabled={!api}>
            Leave
          </Button>
          {mentor ? (
            <Button color="red" onClick={() => setConfirmEnd(true)} disabled={!api}>
              End for everyone
            </Button>
          ) : null}
        </Group>
        <Box h={{ base: '60dvh', md: '70dvh' }} mih={360} style={{ borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' }} data-testid="call-frame">
          <JitsiFrame key={round} meeting={meeting} onApiReady={handleApiReady} />
        </Box>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h3">
            Your session
          </Title>
          <Text size="sm" c="dimmed">
            {formatZonedRange(meeting.startsAt, meeting.endsAt, timeZone)}
          </Text>
        </Stack>
        <Group gap="sm" align="center">
          {hasChat ? (
            <Button variant="default" size="xs" onClick={() => setChatShown((shown) => !shown)} aria-expanded={chatShown} aria-controls={chatId}>
              {chatShown ? 'Hide chat' : 'Show chat'}
            </Button>
          ) : null}
          <SessionTimer startsAt={meeting.startsAt} endsAt={meeting.endsAt} timeZone={timeZone} />
        </Group>
      </Group>
      {meeting.domain === PUBLIC_JITSI ? (
        <Text size="xs" c="dimmed" data-testid="public-server-note">
          Calls on the public meet.jit.si server are time-limited when embedded in another site. If the call drops, rejoin.
        </Text>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: sideShown ? 8 : 12 }}>{stage}</Grid.Col>
        {mentor || hasChat ? (
          <Grid.Col span={{ base: 12, md: 4 }} style={sideShown ? undefined : { display: 'none' }}>
            <Stack gap="md">
              {mentor ? <MentorNotesPanel bookingId={bookingId} timeZone={timeZone} /> : null}
              {hasChat ? (
                <div id={chatId} hidden={!chatShown}>
                  {chat}
                </div>
              ) : null}
            </Stack>
          </Grid.Col>
        ) : null}
      </Grid>
      <Modal opened={confirmEnd} onClose={() => setConfirmEnd(false)} title="End the call for everyone?" centered>
        <Stack gap="md">
          <Text size="sm">Everyone, the student included, is taken out of the call. They can rejoin until {zonedHhmm(meeting.closesAt, timeZone)}.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmEnd(false)}>
              Keep the call
            </Button>
            <Button color="red" onClick={endForEveryone}>
              End for everyone
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
