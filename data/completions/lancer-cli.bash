# bash completion for lancer-cli                             -*- shell-script -*-
# Copyright 2026 The Lancer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Self-contained: works with or without the bash-completion package.

_lancer_cli()
{
    local cur prev command="" verb="" i
    local commands="profiles jobs config secret searches login sync doctor job proposals
                    messages send audit stats export analyze propose alerts"
    local common="--json --profile --help"

    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}

    # The command is the first word that is not a global option or its value.
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --profile) ((i++)) ;;
            -*) ;;
            *)
                if [[ -z $command ]]; then
                    command=${COMP_WORDS[i]}
                elif [[ -z $verb ]]; then
                    verb=${COMP_WORDS[i]}
                fi
                ;;
        esac
    done

    # Values of options
    case $prev in
        --profile|--search|--saved|--limit|--query|--budget-min|--hourly-min|\
        --client-spent-min|--hire-rate-min|--rating-min|--status|--room|--variants)
            return 0 ;;
        --only)
            COMPREPLY=($(compgen -W "jobs proposals messages contracts diary earnings" -- "$cur"))
            return 0 ;;
        --range)
            COMPREPLY=($(compgen -W "30d 90d 12m all" -- "$cur"))
            return 0 ;;
        --what)
            COMPREPLY=($(compgen -W "jobs proposals earnings diary audit" -- "$cur"))
            return 0 ;;
        --format)
            COMPREPLY=($(compgen -W "csv json" -- "$cur"))
            return 0 ;;
        --output|-o)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0 ;;
    esac

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--profile --json --help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return 0
    fi

    local options="" verbs=""
    case $command in
        profiles)  options="--demo"; verbs="list create delete" ;;
        jobs)      options="--search --saved --limit" ;;
        config)
            verbs="get set"
            if [[ -n $verb && $prev == "$verb" ]]; then
                verbs="upwork.client-id upwork.redirect-uri upwork.tenant-id ai.provider ai.model ai.base-url
                       ai.monthly-budget ai.proposal-tone ai.proposal-length sync.interval-minutes
                       jobs.retention-hours alerts.min-score alerts.max-per-hour alerts.quiet-hours
                       alerts.quiet-start alerts.quiet-end alerts.desktop alerts.telegram alerts.telegram-chat-id
                       alerts.webhook alerts.webhook-url alerts.webhook-format alerts.email alerts.email-server
                       alerts.email-port alerts.email-security alerts.email-user alerts.email-from
                       alerts.email-to alerts.sms alerts.sms-provider alerts.sms-to alerts.sms-from
                       alerts.sms-twilio-account alerts.sms-gateway-url alerts.sms-gateway-body
                       alerts.sms-daily-cap"
            elif [[ $verb == set && $prev == ai.provider ]]; then
                verbs="openai anthropic ollama openai-compatible"
            elif [[ -n $verb ]]; then
                verbs=""
            fi
            ;;
        secret)
            verbs="set"
            if [[ $verb == set && $prev == set ]]; then
                verbs="upwork-client-secret openai-api-key anthropic-api-key telegram-bot-token
                       smtp-password twilio-auth-token sms-gateway-token"
            elif [[ -n $verb ]]; then
                verbs=""
            fi
            ;;
        searches)
            options="--query --budget-min --hourly-min --client-spent-min --hire-rate-min
                     --rating-min --verified-only --replace"
            verbs="list add remove" ;;
        login)     options="--no-browser" ;;
        sync)      options="--only" ;;
        job)       verbs="show" ;;
        proposals) options="--status" ;;
        messages)  options="--room" ;;
        audit)     options="--limit" ;;
        stats)     options="--range --rate" ;;
        export)    options="--what --format --output" ;;
        propose)   options="--variants" ;;
        alerts)
            verbs="test"
            if [[ $verb == test && $prev == test ]]; then
                verbs="email sms telegram webhook"
            elif [[ -n $verb ]]; then
                verbs=""
            fi
            ;;
        send|analyze|doctor) ;;
        *) return 0 ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options $common" -- "$cur"))
    elif [[ -n $verbs && ( -z $verb || $command == config || $command == secret || $command == alerts ) ]]; then
        COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
    fi
    return 0
}
complete -F _lancer_cli lancer-cli
