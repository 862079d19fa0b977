"""Follow-up survey waves, their invitations and reminders, outbound events, partnership outcomes."""
