from briefing.cli import main

main(prog_name="briefing")
