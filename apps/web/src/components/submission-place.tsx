import { Link } from 'react-router';
import type { SubmissionView } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { assignmentPath, assignmentSubmissionPath, coursePath } from '../pages/courses/paths';
import { shortId } from './format';

export interface PlaceLinks {
  /** The way back: the contest, or the course and the assignment. */
  trail: { to: string; text: string }[];
  /** Where the problem is read: in its contest or assignment (a contest's problems are hidden while it runs). */
  problem: string;
  /** The problem's label there ("A"), if any. */
  label: string | null;
}

/** Where a submission was made, as links (practice: the problem's own page). */
export function placeLinks(s: SubmissionView): PlaceLinks {
  const place = s.place;
  if (place?.kind === 'contest') {
    const contest = `/contests/${place.contestId}`;
    return {
      trail: [{ to: contest, text: place.contestTitle }],
      problem: place.problemLabel ? `${contest}/problems/${encodeURIComponent(place.problemLabel)}` : contest,
      label: place.problemLabel,
    };
  }
  if (place?.kind === 'assignment') {
    const assignment = assignmentPath(place.courseId, place.assignmentId);
    return {
      trail: [
        { to: coursePath(place.courseId), text: place.courseTitle },
        { to: assignment, text: place.assignmentTitle },
      ],
      problem: place.problemLabel ? `${assignment}?problem=${encodeURIComponent(place.problemLabel)}` : assignment,
      label: place.problemLabel,
    };
  }
  return { trail: [], problem: `/problems/${s.problemId}`, label: null };
}

/**
 * Where another submission of the same place opens: among the assignment's pages for an assignment's, so that a
 * teacher going through a class stays there; else the submission's own page.
 */
export function submissionPathIn(place: SubmissionView['place'], submissionId: string): string {
  return place?.kind === 'assignment'
    ? assignmentSubmissionPath(place.courseId, place.assignmentId, submissionId)
    : `/submissions/${submissionId}`;
}

/**
 * A submission's problem as the place it was made in names it ("A. Sum of Two Numbers"), linking to the problem
 * there; in a list, with the contest or assignment after it.
 */
export function SubmissionProblemLink({
  submission: s,
  title,
  withPlace = false,
  testId,
}: {
  submission: SubmissionView;
  /** The problem's title when the submission does not carry it. */
  title?: string;
  withPlace?: boolean;
  testId?: string;
}) {
  const t = useT();
  const links = placeLinks(s);
  const name = s.problemTitle ?? title ?? shortId(s.problemId);
  const where = s.place?.kind === 'contest' ? s.place.contestTitle : s.place?.assignmentTitle;
  return (
    <>
      <Link to={links.problem} data-testid={testId}>
        {links.label ? t('submission.labelledProblem', { label: links.label, title: name }) : name}
      </Link>
      {withPlace && where && <span className="muted"> · {where}</span>}
    </>
  );
}
