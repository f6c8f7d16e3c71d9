/** A member as the admin API returns it (the fields the console shows). */
export interface AdminMember {
  id: string;
  email: string;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  profile: { name?: string | null };
  createdAt: string;
}

export const memberName = (m: AdminMember) => m.profile.name || m.email;
