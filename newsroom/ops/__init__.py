"""Operations: backups and restores, and deterministic demo data at scale."""
