# OnTrackio webhook for Request Tracker 5: the "Custom action commit code" of a global Scrip
# (Condition: User Defined, see rt-webhook-condition.pl; Action: User Defined; Template: Blank).
# It tells OnTrackio "something happened on a ticket"; OnTrackio then reads the ticket history itself,
# so nothing in this message needs to be trusted. Paste the webhook URL and signing secret from
# OnTrackio's Admin › Settings › Help desk below. It runs inside RT's own request: the 5-second timeout
# keeps a slow OnTrackio from slowing RT down, and a lost webhook only delays the sync (OnTrackio also
# reads the history every 2 minutes).
my $url    = '__ONTRACKIO_WEBHOOK_URL__';
my $secret = '__ONTRACKIO_SIGNING_SECRET__';
# Optional: the Host header to send when $url names an IP address rather than the workspace's host.
my $host   = '__ONTRACKIO_HOST_HEADER__';

use LWP::UserAgent ();
use Digest::SHA ();
use JSON ();

my $txn = $self->TransactionObj;
my $body = JSON::to_json({
    event_id       => join('-', 'rt', $txn->Id, sprintf('%08x%08x', int(rand(2**32)), int(rand(2**32)))),
    ticket_id      => $self->TicketObj->Id,
    transaction_id => $txn->Id,
    type           => $txn->Type,
});
my $ts  = time();
my $sig = Digest::SHA::hmac_sha256_hex("$ts.$body", $secret);
my $ua  = LWP::UserAgent->new(timeout => 5, agent => 'RT-OnTrackio-Webhook/1');
my @headers = (
    'Content-Type'          => 'application/json',
    'X-OnTrackio-Timestamp' => $ts,
    'X-OnTrackio-Signature' => "v1=$sig",
);
push @headers, (Host => $host) if $host && $host !~ /^__/;
my $res = $ua->post($url, @headers, Content => $body);
RT->Logger->warning('OnTrackio webhook for transaction ' . $txn->Id . ': ' . $res->status_line)
    unless $res->is_success;
return 1;
