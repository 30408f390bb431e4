"""Who holds which role where, loaded once per user and request."""
from __future__ import annotations

from dataclasses import dataclass, field

from .models import Agency, Membership, Role


@dataclass
class UserRoles:
    by_agency: dict[int, set[str]] = field(default_factory=dict)
    # Paths of the governments a person oversees: every agency whose path starts with one is covered.
    overseen_paths: tuple[str, ...] = ()

    def has(self, agency: Agency, role: str) -> bool:
        return role in self.by_agency.get(agency.pk, ())

    def is_member(self, agency: Agency) -> bool:
        return bool(self.by_agency.get(agency.pk))

    def oversees(self, agency: Agency) -> bool:
        return any(agency.path.startswith(p) for p in self.overseen_paths)

    def agency_ids(self, role: str | None = None) -> list[int]:
        return [a for a, roles in self.by_agency.items() if role is None or role in roles]


def roles_of(user) -> UserRoles:
    if not getattr(user, "is_authenticated", False):
        return UserRoles()
    cached = getattr(user, "_nianbao_roles", None)
    if cached is None:
        cached = UserRoles()
        rows = Membership.objects.filter(user=user).values_list("agency_id", "role", "agency__path")
        paths = []
        for agency_id, role, path in rows:
            cached.by_agency.setdefault(agency_id, set()).add(role)
            if role == Role.OVERSEER:
                paths.append(path)
        cached.overseen_paths = tuple(paths)
        user._nianbao_roles = cached
    return cached
