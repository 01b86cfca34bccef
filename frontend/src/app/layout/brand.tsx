import { Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import classes from './brand.module.css';

export function Brand() {
  return (
    <UnstyledButton component={Link} to={paths.home.getHref()} aria-label="Mentor Connect, home">
      <Group gap={8} wrap="nowrap">
        <ThemeIcon size={32} radius="md" variant="gradient" gradient={{ from: 'violet', to: 'indigo', deg: 135 }} aria-hidden>
          <Text fw={800} size="sm" c="white">
            MC
          </Text>
        </ThemeIcon>
        <Text fw={700} size="lg" className={classes.wordmark}>
          Mentor Connect
        </Text>
      </Group>
    </UnstyledButton>
  );
}
