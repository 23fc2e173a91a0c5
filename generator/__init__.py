"""Generator of the guide « Mutualiser les SI en santé » and its documents."""
