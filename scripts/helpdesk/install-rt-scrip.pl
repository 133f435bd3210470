#!/usr/bin/perl
# Installs (or replaces) the OnTrackio webhook Scrip in Request Tracker 5, for every queue.
# Run on the RT server as a user that can read RT's configuration:
#   ONTRACKIO_WEBHOOK_URL=https://acme.app.ontrackio.com/api/v1/helpdesk/webhook \
#   ONTRACKIO_SIGNING_SECRET=whsec_... perl install-rt-scrip.pl
# Optional: ONTRACKIO_HOST_HEADER (when the URL names an IP), RT_LIB (default Debian's RT 5 path).
use strict;
use warnings;
use File::Basename qw(dirname);
BEGIN { unshift @INC, ($ENV{RT_LIB} || '/usr/share/request-tracker5/lib'); }
use RT;
RT::LoadConfig();
RT::Init();

sub slurp { my ($f) = @_; open(my $fh, '<:encoding(UTF-8)', $f) or die "$f: $!"; local $/; return <$fh>; }
my $dir = dirname(__FILE__);
my $action = slurp("$dir/rt-webhook-action.pl");
my $condition = slurp("$dir/rt-webhook-condition.pl");
my %with = (
    __ONTRACKIO_WEBHOOK_URL__     => $ENV{ONTRACKIO_WEBHOOK_URL} || die("ONTRACKIO_WEBHOOK_URL is not set\n"),
    __ONTRACKIO_SIGNING_SECRET__  => $ENV{ONTRACKIO_SIGNING_SECRET} || die("ONTRACKIO_SIGNING_SECRET is not set\n"),
    __ONTRACKIO_HOST_HEADER__     => $ENV{ONTRACKIO_HOST_HEADER} || '',
);
for my $k (keys %with) { (my $v = $with{$k}) =~ s/(['\\])/\\$1/g; $action =~ s/\Q$k\E/$v/g; }

my $description = 'OnTrackio webhook';
my $scrips = RT::Scrips->new(RT->SystemUser);
$scrips->Limit(FIELD => 'Description', VALUE => $description);
while (my $old = $scrips->Next) { my ($ok, $msg) = $old->Delete; die "delete: $msg\n" unless $ok; }

my $scrip = RT::Scrip->new(RT->SystemUser);
my ($id, $msg) = $scrip->Create(
    Description            => $description,
    Queue                  => 0,
    ScripCondition         => 'User Defined',
    ScripAction            => 'User Defined',
    Template               => 'Blank',
    Stage                  => 'TransactionBatch',
    CustomIsApplicableCode => $condition,
    CustomPrepareCode      => 'return 1;',
    CustomCommitCode       => $action,
);
die "create: $msg\n" unless $id;
print "Installed the OnTrackio webhook Scrip (#$id).\n";
