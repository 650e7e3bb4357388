"""What every app's partner API shares: pages, filters, ordering, errors, input checks, fields."""
