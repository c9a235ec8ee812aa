from cadretrain.cli.main import main

main()
