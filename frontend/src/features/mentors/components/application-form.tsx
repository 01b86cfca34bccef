import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { FormProvider, useForm, type FieldErrors } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';
import { useMentorFacets } from '../api/get-mentor-facets';
import { useSaveApplicationDraft } from '../api/save-application-draft';
import { useSubmitApplication } from '../api/submit-application';
import type { Application } from '../types';
import {
  applicationSteps,
  draftFields,
  firstIncompleteStep,
  mentorFormSchema,
  mentorFormValues,
  pickMentorInput,
  REVIEW_STEP,
  serverErrorFields,
  stepOfPath,
  toMentorInput,
  withListErrorsOnTheList,
  type MentorField,
  type MentorFormValues,
} from '../utils/mentor-form';
import { ApplicationSummary } from './application-summary';
import { AboutFields } from './fields/about-fields';
import { ExperienceFields } from './fields/experience-fields';
import { ExpertiseFields } from './fields/expertise-fields';
import { LanguagesFields } from './fields/languages-fields';
import { PriceFields } from './fields/price-fields';

interface ApplicationFormProps {
  /** The saved draft (or rejected application) to continue from; null for a first application. */
  application: Application | null;
  /** Preselected until the applicant picks another. */
  userTimeZone: string;
  /** Where to open; by default the first step with anything missing. */
  initialStep?: number;
  /** The application is no longer editable (submitted elsewhere, or approved): show its status instead. */
  onLocked: () => void;
}

/**
 * For the step buttons: keep focus in the field being edited when one is pressed. Otherwise the
 * field's blur validates it first, its error message appears or goes, the buttons move, and the
 * click lands on nothing. The button's own handler validates anyway.
 */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/** "Expertise & topics" → "Expertise": the stepper's labels stay short; the step's heading says it all. */
const shortLabel = (label: string) => label.split(' & ')[0];

/** The first step among the erroneous `paths`, or null when none of them is on a step. */
function firstStepOf(paths: readonly string[]): number | null {
  const steps = paths.map(stepOfPath).filter((step): step is number => step !== null);
  return steps.length ? Math.min(...steps) : null;
}

/**
 * Paths with an error, deepest first (`experience.0.company`, not `experience`), for focusing; an
 * error about a whole list (RHF puts it under `root`) counts as the list's own.
 */
function errorPaths(errors: FieldErrors<MentorFormValues>, prefix = ''): string[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (!value || typeof value !== 'object' || key === 'ref') return [];
    if (key === 'root') return prefix ? [prefix] : [];
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = errorPaths(value as FieldErrors<MentorFormValues>, path);
    return nested.length ? nested : 'message' in value ? [path] : [];
  });
}

/**
 * The mentor application as a Stepper: five steps of fields and a review. "Next" checks the step's
 * fields and saves a draft on the server, and so does "Save and continue later" with whatever is
 * filled in; coming back opens at the first unfinished step. A server 422 lands on its field, on
 * whichever step holds it.
 */
export function ApplicationForm({ application, userTimeZone, initialStep, onLocked }: ApplicationFormProps) {
  const compact = useMediaQuery('(max-width: 62em)');
  const facets = useMentorFacets();
  const saveDraft = useSaveApplicationDraft();
  const submit = useSubmitApplication();
  const [formError, setFormError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [savingForLater, setSavingForLater] = useState(false);
  const defaultValues = useMemo(() => mentorFormValues(application, userTimeZone), [application, userTimeZone]);
  const methods = useForm<MentorFormValues>({
    resolver: zodResolver(mentorFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const { trigger, getValues, setError, setFocus, getFieldState, handleSubmit } = methods;
  // Read here so this form re-renders on every error change: a step's fields read the errors only
  // while shown, and must find those set while they were away (a 422 for an earlier step).
  const { errors } = methods.formState;
  const [active, setActive] = useState(() => initialStep ?? (application ? firstIncompleteStep(defaultValues) : 0));
  const [furthest, setFurthest] = useState(active);
  // A field to focus once its step is on screen (a step's inputs exist only while it is shown).
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const suggestions = useMemo(() => facets.data?.expertise.map((facet) => facet.value) ?? [], [facets.data]);

  useEffect(() => {
    if (!focusPath) return;
    setFocus(focusPath as MentorField);
    setFocusPath(null);
  }, [focusPath, active, setFocus]);

  function goTo(step: number) {
    setActive(step);
    setFurthest((current) => Math.max(current, step));
    // Moving on by a button leaves focus on it; the step's heading tells assistive tech where we are.
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function showErrorsAt(paths: string[]) {
    const step = firstStepOf(paths);
    if (step === null) return;
    setActive(step);
    setFocusPath(paths.find((path) => stepOfPath(path) === step) ?? null);
  }

  function onServerError(error: unknown) {
    if (error instanceof ApiError && (error.code === 'application_pending' || error.code === 'already_mentor')) {
      notifications.show({ color: 'yellow', title: "Your application can't be changed now", message: error.detail ?? error.title });
      onLocked();
      return;
    }
    const normalized = withListErrorsOnTheList(error);
    const fields = serverErrorFields(getValues());
    setFormError(applyServerErrors(normalized, setError, { fields: fields as MentorField[] }));
    if (normalized instanceof ApiError) showErrorsAt(normalized.errors.map((problem) => problem.path).filter((path) => fields.includes(path)));
  }

  /** Saves what is filled in (each of it checked first, as the server would); false when it couldn't. */
  async function saveWhatIsFilledIn(): Promise<boolean> {
    setFormError(null);
    const values = getValues();
    const fields = draftFields(values);
    if (!(await trigger(fields))) {
      showErrorsAt(fields.filter((field) => getFieldState(field).invalid));
      return false;
    }
    try {
      await saveDraft.mutateAsync(pickMentorInput(values, fields));
      setSavedAt(new Date());
      return true;
    } catch (error) {
      onServerError(error);
      return false;
    }
  }

  async function next() {
    const step = applicationSteps[active];
    if (!step) return;
    if (!(await trigger([...step.fields], { shouldFocus: true }))) return;
    if (await saveWhatIsFilledIn()) goTo(active + 1);
  }

  async function saveForLater() {
    setSavingForLater(true);
    const saved = await saveWhatIsFilledIn().finally(() => setSavingForLater(false));
    if (saved) {
      notifications.show({ color: 'teal', title: 'Draft saved', message: 'Come back any time: you will continue where you left off.' });
    }
  }

  async function selectStep(step: number) {
    if (step === active) return;
    // Back is always fine; forward only past a step that is complete.
    if (step > active) {
      const current = applicationSteps[active];
      if (current && !(await trigger([...current.fields], { shouldFocus: true }))) return;
    }
    goTo(step);
  }

  const onSubmit = handleSubmit(
    async (values) => {
      setFormError(null);
      try {
        await submit.mutateAsync(toMentorInput(values));
        // The page now shows the application's status, from the top.
        window.scrollTo({ top: 0 });
        notifications.show({ color: 'teal', title: 'Application submitted', message: "We'll email you when it has been reviewed." });
      } catch (error) {
        onServerError(error);
      }
    },
    (invalid) => showErrorsAt(errorPaths(invalid)),
  );

  const busy = saveDraft.isPending || submit.isPending;
  const movingOn = saveDraft.isPending && !savingForLater;
  const onReview = active === REVIEW_STEP;
  const stepTitle = onReview ? 'Review and submit' : applicationSteps[active]?.label;

  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="Mentor application">
        <Stack gap="lg">
          {application?.rejectionReason ? (
            <Alert color="yellow" variant="light" title="Your previous application was not approved">
              <Text size="sm">Reason: {application.rejectionReason}</Text>
            </Alert>
          ) : null}
          <Stepper
            active={active}
            onStepClick={(step) => void selectStep(step)}
            size="sm"
            iconSize={compact ? 28 : 32}
            wrap={false}
            allowNextStepsSelect={false}
            aria-label="Application steps"
          >
            {[...applicationSteps.map((step) => step.label), 'Review'].map((label, index) => (
              <Stepper.Step
                key={label}
                // Below lg the six labels don't fit in one row; the heading below names the current step.
                label={compact ? undefined : shortLabel(label)}
                aria-label={`Step ${index + 1}: ${label}`}
                aria-current={index === active ? 'step' : undefined}
                allowStepSelect={index <= furthest && index !== active}
              />
            ))}
          </Stepper>

          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
            <Stack gap="md">
              <Stack gap={2}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Step {active + 1} of {REVIEW_STEP + 1}
                </Text>
                <Title order={2} size="h3" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
                  {stepTitle}
                </Title>
              </Stack>
              <FormAlert title="Couldn't save your application" message={formError} />
              {active === 0 ? <AboutFields /> : null}
              {active === 1 ? <ExperienceFields /> : null}
              {active === 2 ? <ExpertiseFields suggestions={suggestions} /> : null}
              {active === 3 ? <LanguagesFields /> : null}
              {active === 4 ? <PriceFields /> : null}
              {onReview ? (
                <>
                  {Object.keys(errors).length > 0 ? (
                    <Text size="sm" c="red" role="alert">
                      Some answers need another look: the steps before this one show what to fix.
                    </Text>
                  ) : null}
                  <Text size="sm" c="dimmed">
                    Check everything once more. After you submit, our team reviews your application; you can't change it
                    while it is being reviewed.
                  </Text>
                  <ApplicationSummary details={getValues()} onEdit={(step) => goTo(step)} />
                </>
              ) : null}
            </Stack>
          </Paper>

          <Stack gap="xs">
            <Group justify="space-between" gap="sm" wrap="nowrap">
              <Button variant="default" onMouseDown={keepFocus} onClick={() => goTo(active - 1)} disabled={active === 0 || busy}>
                Back
              </Button>
              <Group gap="sm" wrap="nowrap">
                <Button variant="subtle" onMouseDown={keepFocus} onClick={() => void saveForLater()} loading={savingForLater} disabled={busy && !savingForLater} visibleFrom="xs">
                  Save and continue later
                </Button>
                {onReview ? (
                  <Button type="submit" onMouseDown={keepFocus} loading={submit.isPending} disabled={busy && !submit.isPending}>
                    Submit application
                  </Button>
                ) : (
                  <Button onMouseDown={keepFocus} onClick={() => void next()} loading={movingOn} disabled={busy && !movingOn}>
                    Next
                  </Button>
                )}
              </Group>
            </Group>
            {/* On a phone the three buttons don't fit in a row: this one goes below. */}
            <Button variant="subtle" onMouseDown={keepFocus} onClick={() => void saveForLater()} loading={savingForLater} disabled={busy && !savingForLater} hiddenFrom="xs" fullWidth>
              Save and continue later
            </Button>
          </Stack>
          {savedAt ? (
            <Text size="xs" c="dimmed" ta="right" aria-live="polite">
              Draft saved at {savedAt.toLocaleTimeString(undefined, { timeStyle: 'short' })}
            </Text>
          ) : null}
        </Stack>
      </form>
    </FormProvider>
  );
}
