#!/usr/bin/perl
# Test fixture for a clean Request Tracker 5 database (tests/helpdesk/rt.ts runs it once per run on a
# copy of Debian's freshly installed database): the "IT Requests" queue with the "OnTrackio reference"
# ticket custom field, the integration account "ontrackio" and an agent "agent" (Alex Agent), both with
# the queue rights the sync needs, and an auth token for each, minted from Perl without the web UI.
# Prints the tokens as JSON.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib';
use RT;
RT::LoadConfig();
RT::Init();

my $sys = RT->SystemUser;
my $q = RT::Queue->new($sys);
my ($qid, $m) = $q->Create(Name => 'IT Requests');
die "queue: $m\n" unless $qid;
my $cf = RT::CustomField->new($sys);
my ($cfid, $m2) = $cf->Create(Name => 'OnTrackio reference', Type => 'Freeform', MaxValues => 1, LookupType => 'RT::Queue-RT::Ticket');
die "custom field: $m2\n" unless $cfid;
my ($ok, $m3) = $cf->AddToObject($q);
die "apply custom field: $m3\n" unless $ok;

sub user {
    my ($name, $real) = @_;
    my $u = RT::User->new($sys);
    my ($id, $msg) = $u->Create(Name => $name, RealName => $real, EmailAddress => "$name\@helpdesk.test", Privileged => 1);
    die "user $name: $msg\n" unless $id;
    return $u;
}
my %token;
for my $u (user('ontrackio', 'OnTrackio integration'), user('agent', 'Alex Agent')) {
    for my $right (qw(SeeQueue ShowTicket CreateTicket ModifyTicket ReplyToTicket CommentOnTicket ShowTicketComments SeeCustomField ModifyCustomField OwnTicket)) {
        my ($granted, $msg) = $u->PrincipalObj->GrantRight(Right => $right, Object => $q);
        die "$right: $msg\n" unless $granted;
    }
    my ($id, $msg, $secret) = RT::AuthToken->new($sys)->Create(Owner => $u->Id, Description => 'OnTrackio tests');
    die "token: $msg\n" unless $id;
    $token{$u->Name} = $secret;
}
# A user who may see the queue but not create tickets in it ("missing rights" in Test connection).
my $nobody = user('norights', 'No Rights');
$nobody->PrincipalObj->GrantRight(Right => 'SeeQueue', Object => $q);
my ($nid, $nmsg, $nsecret) = RT::AuthToken->new($sys)->Create(Owner => $nobody->Id, Description => 'OnTrackio tests');
die "token: $nmsg\n" unless $nid;
print JSON::to_json({ integration => $token{ontrackio}, agent => $token{agent}, norights => $nsecret }), "\n";
