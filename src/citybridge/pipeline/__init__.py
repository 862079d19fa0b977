"""Follow-up of brokered partnerships: the stages a lead moves through and what is due when."""
