from django.utils.functional import SimpleLazyObject

from .models import Role
from .roles import roles_of


def navigation(request):
    """Whether the navigation offers the review queue; evaluated only when a page asks."""

    def can_review() -> bool:
        user = request.user
        if user.is_superuser:
            return True
        roles = roles_of(user)
        return bool(roles.agency_ids(Role.APPROVER) or roles.overseen_paths)

    return {"nav_can_review": SimpleLazyObject(can_review)}
