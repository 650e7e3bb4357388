"""What every app's partner API shares: pagination, filters, ordering, errors, input checks and fields."""
