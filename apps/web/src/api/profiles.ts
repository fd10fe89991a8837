import { useQuery } from '@tanstack/react-query';
import type { UserProfileView } from '@judge/contract';
import { request } from './client';

export const profileKeys = {
  profile: (username: string) => ['users', 'profile', username] as const,
};

/** A user's page: solved problems, contests taken part in, recent submissions (when the viewer may see them). */
export function useProfile(username: string) {
  return useQuery({
    queryKey: profileKeys.profile(username),
    queryFn: () => request<UserProfileView>(`/api/users/${encodeURIComponent(username)}/profile`),
  });
}
