"""privacy screening table

Revision ID: b728dcbcf8be
Revises:
Create Date: 2026-11-26 07:24:35.477576

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

# revision identifiers, used by Alembic.
revision = "b728dcbcf8be"
down_revision = None
branch_labels = None
depends_on = None

TABLE = "smarttehran_privacy_screening"


def upgrade():
    op.create_table(
        TABLE,
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=True),
        sa.Column("resource_id", sa.UnicodeText, nullable=True),
        sa.Column("user_id", sa.UnicodeText, nullable=True),
        sa.Column("source", sa.UnicodeText, nullable=False),
        sa.Column("filename", sa.UnicodeText, nullable=True),
        sa.Column("size", sa.BigInteger, nullable=True),
        sa.Column("sha256", sa.UnicodeText, nullable=True),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("report", JSONB, nullable=True),
        sa.Column("pending_resource", JSONB, nullable=True),
        sa.Column("quarantine_path", sa.UnicodeText, nullable=True),
        sa.Column("justification", sa.UnicodeText, nullable=True),
        sa.Column("decided_by", sa.UnicodeText, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    for column in ("package_id", "resource_id", "status"):
        op.create_index(f"idx_{TABLE}_{column}", TABLE, [column])


def downgrade():
    for column in ("package_id", "resource_id", "status"):
        op.drop_index(f"idx_{TABLE}_{column}", table_name=TABLE)
    op.drop_table(TABLE)
