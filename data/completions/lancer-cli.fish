# fish completion for lancer-cli
# Copyright 2026 The Lancer authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -l commands profiles jobs config secret searches login sync doctor job proposals messages send audit stats export analyze propose alerts

complete -c lancer-cli -f
complete -c lancer-cli -l profile -x -d 'Use the profile NAME'
complete -c lancer-cli -l json -d 'Print JSON instead of text'
complete -c lancer-cli -s h -l help -d 'Show the options'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version'

complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a profiles -d 'List, create or delete profiles'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a jobs -d 'Stored jobs, newest first'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a config -d 'Read or change a setting'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a secret -d 'Store a secret from stdin in the keyring'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a searches -d 'Saved job searches'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a login -d 'Connect to Upwork'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a sync -d 'Sync with Upwork once'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a doctor -d 'Check each Upwork resource'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a job -d 'One stored job'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a proposals -d 'Stored proposals'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a messages -d 'Stored messages'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a send -d 'Send stdin to a room'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a audit -d 'The activity log'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Win rate, costs and earnings'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a export -d 'Export records as CSV or JSON'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a analyze -d 'An AI analysis of a job'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a propose -d 'Stream an AI proposal draft'
complete -c lancer-cli -n "not __fish_seen_subcommand_from $commands" -a alerts -d 'Send a test alert through one channel'

complete -c lancer-cli -n "__fish_seen_subcommand_from profiles" -a 'list create delete'
complete -c lancer-cli -n "__fish_seen_subcommand_from profiles" -l demo -d 'Create a demo profile'
complete -c lancer-cli -n "__fish_seen_subcommand_from jobs" -l search -x -d 'Only jobs matching these words'
complete -c lancer-cli -n "__fish_seen_subcommand_from jobs" -l saved -x -d 'Only jobs a saved search found'
complete -c lancer-cli -n "__fish_seen_subcommand_from jobs audit" -l limit -x -d 'At most N'
complete -c lancer-cli -n "__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from get set" -a 'get set'
complete -c lancer-cli -n "__fish_seen_subcommand_from config; and __fish_seen_subcommand_from get set" -a 'upwork.client-id upwork.redirect-uri upwork.tenant-id ai.provider ai.model ai.base-url ai.monthly-budget ai.proposal-tone ai.proposal-length sync.interval-minutes jobs.retention-hours alerts.min-score alerts.max-per-hour alerts.quiet-hours alerts.quiet-start alerts.quiet-end alerts.desktop alerts.telegram alerts.telegram-chat-id alerts.webhook alerts.webhook-url alerts.webhook-format alerts.email alerts.email-server alerts.email-port alerts.email-security alerts.email-user alerts.email-from alerts.email-to alerts.sms alerts.sms-provider alerts.sms-to alerts.sms-from alerts.sms-twilio-account alerts.sms-gateway-url alerts.sms-gateway-body alerts.sms-daily-cap'
complete -c lancer-cli -n "__fish_seen_subcommand_from secret; and not __fish_seen_subcommand_from set" -a set
complete -c lancer-cli -n "__fish_seen_subcommand_from secret; and __fish_seen_subcommand_from set" -a 'upwork-client-secret openai-api-key anthropic-api-key telegram-bot-token smtp-password twilio-auth-token sms-gateway-token'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -a 'list add remove'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l query -x -d 'Search words'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l budget-min -x -d 'Lowest fixed budget'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l hourly-min -x -d 'Lowest top hourly rate'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l client-spent-min -x -d 'Lowest client spend'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l hire-rate-min -x -d 'Lowest client hire rate (0–1)'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l rating-min -x -d 'Lowest client rating (0–5)'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l verified-only -d 'Only clients with a verified payment method'
complete -c lancer-cli -n "__fish_seen_subcommand_from searches" -l replace -d 'Replace a saved search of the same name'
complete -c lancer-cli -n "__fish_seen_subcommand_from login" -l no-browser -d 'Only print the address to open'
complete -c lancer-cli -n "__fish_seen_subcommand_from sync" -l only -x -a 'jobs proposals messages contracts diary earnings'
complete -c lancer-cli -n "__fish_seen_subcommand_from job" -a show
complete -c lancer-cli -n "__fish_seen_subcommand_from proposals" -l status -x -d 'Only proposals with this status'
complete -c lancer-cli -n "__fish_seen_subcommand_from messages" -l room -x -d 'Only this room'
complete -c lancer-cli -n "__fish_seen_subcommand_from stats" -l range -x -a '30d 90d 12m all'
complete -c lancer-cli -n "__fish_seen_subcommand_from stats" -l rate -x -d 'Exchange rate to US dollars, e.g. EUR=1.08'
complete -c lancer-cli -n "__fish_seen_subcommand_from export" -l what -x -a 'jobs proposals earnings diary audit'
complete -c lancer-cli -n "__fish_seen_subcommand_from export" -l format -x -a 'csv json'
complete -c lancer-cli -n "__fish_seen_subcommand_from export" -s o -l output -r -F -d 'Write to FILE'
complete -c lancer-cli -n "__fish_seen_subcommand_from propose" -l variants -x -a '1 2 3'
complete -c lancer-cli -n "__fish_seen_subcommand_from alerts; and not __fish_seen_subcommand_from test" -a test
complete -c lancer-cli -n "__fish_seen_subcommand_from alerts; and __fish_seen_subcommand_from test" -a 'email sms telegram webhook'
