# OnTrackio webhook for Request Tracker 5: the "Custom condition" of the Scrip (see rt-webhook-action.pl).
# Fires on the changes OnTrackio syncs: public replies, internal notes (never shown, but they move the
# cursor) and status changes.
my $type = $self->TransactionObj->Type;
return ($type eq 'Correspond' || $type eq 'Comment' || $type eq 'Status') ? 1 : 0;
