"""Topic queries."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.api.topics.schemas import TopicList, TopicPublic
from app.models import StatementTopic, Topic


def list_topics(*, session: Session) -> TopicList:
    """Every topic of the taxonomy, by slug, with its statement count."""
    count = select(func.count()).where(StatementTopic.topic_id == Topic.id).scalar_subquery()
    query = select(Topic.slug, Topic.label, Topic.description, count).order_by(Topic.slug)
    return TopicList(
        items=[
            TopicPublic(slug=slug, label=label, description=description, statement_count=statements)
            for slug, label, description, statements in session.execute(query)
        ]
    )
