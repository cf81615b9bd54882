#!/usr/bin/perl
# Perl's IO::FDPass (Debian's libio-fdpass-perl) passing one descriptor per
# message over a Unix socket pair, in batches as bench_fdpass's loops do:
# BATCH sends, then BATCH receives, each received descriptor closed.
# Usage: fdpass_perl.pl MESSAGES BATCH SECONDS; prints "<rate> <messages>".
use strict;
use warnings;
use IO::FDPass;
use POSIX ();
use Socket qw(AF_UNIX SOCK_STREAM PF_UNSPEC);
use Time::HiRes qw(time);

my ($messages, $batch, $seconds) = @ARGV;
socketpair(my $sender, my $receiver, AF_UNIX, SOCK_STREAM, PF_UNSPEC) or die "socketpair: $!";
open(my $passed, '<', '/etc/hostname') or die "open: $!";
my ($out, $in, $fd) = (fileno($sender), fileno($receiver), fileno($passed));
my $begin = time;
my $done = 0;
while ($done < $messages && time - $begin < $seconds) {
    IO::FDPass::send($out, $fd) or die "send: $!" for 1 .. $batch;
    for (1 .. $batch) {
        my $got = IO::FDPass::recv($in);
        $got >= 0 or die "recv: $!";
        POSIX::close($got);
    }
    $done += $batch;
}
printf "%.0f %d\n", $done / (time - $begin), $done;
