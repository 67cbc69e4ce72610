"""Pages for child protection: the steps of the journey and the two conference work queues."""
