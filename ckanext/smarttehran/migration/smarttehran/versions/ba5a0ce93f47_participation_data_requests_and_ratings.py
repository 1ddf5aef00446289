"""participation: data requests and ratings

Revision ID: ba5a0ce93f47
Revises: b728dcbcf8be
Create Date: 2026-11-26 07:51:58.911051

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ba5a0ce93f47'
down_revision = 'b728dcbcf8be'
branch_labels = None
depends_on = None


REQUESTS = "smarttehran_data_request"
RATINGS = "smarttehran_rating"


def upgrade():
    op.create_table(
        REQUESTS,
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("organization_id", sa.UnicodeText, nullable=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("response", sa.UnicodeText, nullable=True),
        sa.Column("responded_by", sa.UnicodeText, nullable=True),
        sa.Column("responded", sa.DateTime, nullable=True),
        sa.Column("package_id", sa.UnicodeText, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("due", sa.DateTime, nullable=False),
    )
    for column in ("organization_id", "status", "user_id"):
        op.create_index(f"idx_{REQUESTS}_{column}", REQUESTS, [column])
    op.create_table(
        RATINGS,
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("comment", sa.UnicodeText, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.UniqueConstraint("package_id", "user_id", name=f"uq_{RATINGS}_package_user"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=f"ck_{RATINGS}_range"),
    )
    op.create_index(f"idx_{RATINGS}_package_id", RATINGS, ["package_id"])


def downgrade():
    op.drop_index(f"idx_{RATINGS}_package_id", table_name=RATINGS)
    op.drop_table(RATINGS)
    for column in ("organization_id", "status", "user_id"):
        op.drop_index(f"idx_{REQUESTS}_{column}", table_name=REQUESTS)
    op.drop_table(REQUESTS)
