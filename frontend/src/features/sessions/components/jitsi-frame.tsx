import { Center, Loader } from '@mantine/core';
import { JitsiMeeting } from '@jitsi/react-sdk';
import { useCallback, useEffect, useMemo, useRef, type ComponentProps } from 'react';
import type { Meeting } from '../types';

type JitsiMeetingProps = ComponentProps<typeof JitsiMeeting>;
/** The Jitsi IFrame API instance the SDK hands back once the call's IFrame is created. */
export type JitsiApi = Parameters<NonNullable<JitsiMeetingProps['onApiReady']>>[0];

// Our page already shows who and when; the call goes straight in rather than through Jitsi's own lobby.
const configOverwrite = { prejoinPageEnabled: false };

const CallSpinner = () => (
  <Center h="100%" role="status" aria-label="Connecting to the call">
    <Loader type="dots" />
  </Center>
);

/** The SDK's wrapper div holds the IFrame; it takes the height of the box around it. */
const fillParent = (node: HTMLDivElement) => {
  node.style.height = '100%';
};

/**
 * The call itself: the SDK's JitsiMeeting, rendered only once the IFrame API is loaded (see
 * utils/jitsi-script). Unmounting it disposes of the IFrame API, which the SDK leaves running.
 */
export function JitsiFrame({ meeting, onApiReady }: { meeting: Meeting; onApiReady: (api: JitsiApi) => void }) {
  const api = useRef<JitsiApi | null>(null);

  useEffect(
    () => () => {
      api.current?.dispose();
      api.current = null;
    },
    [],
  );

  // The SDK's type asks for an email too; we don't hand the call our users' addresses, and Jitsi needs none.
  const userInfo = useMemo(() => ({ displayName: meeting.displayName }) as JitsiMeetingProps['userInfo'], [meeting.displayName]);

  const handleApiReady = useCallback(
    (ready: JitsiApi) => {
      api.current = ready;
      onApiReady(ready);
    },
    [onApiReady],
  );

  return (
    <JitsiMeeting
      domain={meeting.domain}
      roomName={meeting.roomName}
      jwt={meeting.jwt ?? undefined}
      userInfo={userInfo}
      configOverwrite={configOverwrite}
      spinner={CallSpinner}
      getIFrameRef={fillParent}
      onApiReady={handleApiReady}
    />
  );
}
