from civicdesk.cli import main

main()
